/// The ways regions write the same figure differently (TABLES.md §6), for checking and drafting.
///
/// The defaults are the seed's (a Xinjiang district, national wording): a zero base written
/// 增长100.00%, rates with two decimals, 三公 compared with the 全年预算数 through a 预决算差异率.
public struct NarrativeConventions: Sendable, Equatable {
    /// How a change against a zero base (last year 0, this year not) is written.
    public enum ZeroBase: String, Sendable, CaseIterable {
        /// 增长100.00% (the seed; most national-pattern documents).
        case hundredPercent = "100"
        /// --（基数为0，不可比） (Guangdong).
        case notComparable = "not-comparable"
    }

    /// Which budget the 三公 table's 预算数 is called in the text.
    public enum BudgetWording: String, Sendable, CaseIterable {
        /// 全年预算数 (Xinjiang, Guangdong; the seed).
        case fullYear = "全年"
        /// 年初预算数 (Shanghai).
        case initial = "年初"
    }

    /// How a 决算 is compared with its 预算.
    public enum BudgetComparison: String, Sendable, CaseIterable {
        /// 预决算差异率 = (决算 − 预算) / 预算 (the seed).
        case differenceRate = "difference"
        /// 完成…预算的X% = 决算 / 预算 (Shanghai).
        case completionRate = "completion"
    }

    /// How a zero base is written; the other form is reported as a warning. Default 增长100.00%.
    public var zeroBase: ZeroBase = .hundredPercent
    /// Decimals of the rates and shares a draft writes (checks compare at the decimals the text
    /// prints). Default 2.
    public var rateDecimals = 2
    /// The name of the 三公 budget in a draft. Default 全年预算数.
    public var budgetWording: BudgetWording = .fullYear
    /// How a draft compares 决算 with 预算. Default 预决算差异率.
    public var budgetComparison: BudgetComparison = .differenceRate

    /// The defaults (the seed's conventions).
    public init() {}
}
