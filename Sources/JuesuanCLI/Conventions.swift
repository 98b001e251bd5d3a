import ArgumentParser
import JuesuanModel

/// How a 说明 writes a change against a zero base (`check --narrative` and `narrative`).
struct ZeroBaseOption: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "How a change against a zero base is written: 100 (增长100.00%) or not-comparable (不可比).",
            valueName: "100|not-comparable"))
    var zeroBase: String = NarrativeConventions.ZeroBase.hundredPercent.rawValue

    func validate() throws {
        if NarrativeConventions.ZeroBase(rawValue: zeroBase) == nil {
            throw ValidationError("--zero-base must be 100 or not-comparable")
        }
    }

    var conventions: NarrativeConventions {
        var c = NarrativeConventions()
        c.zeroBase = NarrativeConventions.ZeroBase(rawValue: zeroBase) ?? .hundredPercent
        return c
    }
}

/// The regional conventions a draft is written in (TABLES.md §6).
struct ConventionOptions: ParsableArguments {
    @OptionGroup var zero: ZeroBaseOption

    @Option(help: "Decimals of the shares and rates a draft writes.")
    var rateDecimals: Int = 2

    @Option(
        help: ArgumentHelp("What a draft calls the 三公 budget: 全年 (全年预算数) or 年初 (年初预算数).", valueName: "全年|年初"))
    var budgetWording: String = NarrativeConventions.BudgetWording.fullYear.rawValue

    @Option(
        help: ArgumentHelp(
            "How a draft compares 决算 with 预算: difference (预决算差异率) or completion (完成预算的X%).",
            valueName: "difference|completion"))
    var budgetComparison: String = NarrativeConventions.BudgetComparison.differenceRate.rawValue

    func validate() throws {
        if !(0...4).contains(rateDecimals) { throw ValidationError("--rate-decimals must be 0 … 4") }
        if NarrativeConventions.BudgetWording(rawValue: budgetWording) == nil {
            throw ValidationError("--budget-wording must be 全年 or 年初")
        }
        if NarrativeConventions.BudgetComparison(rawValue: budgetComparison) == nil {
            throw ValidationError("--budget-comparison must be difference or completion")
        }
    }

    var conventions: NarrativeConventions {
        var c = zero.conventions
        c.rateDecimals = rateDecimals
        c.budgetWording = NarrativeConventions.BudgetWording(rawValue: budgetWording) ?? .fullYear
        c.budgetComparison = NarrativeConventions.BudgetComparison(rawValue: budgetComparison) ?? .differenceRate
        return c
    }
}
