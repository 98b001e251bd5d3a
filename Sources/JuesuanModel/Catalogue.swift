/// The 科目 catalogue: 功能分类 类 (and the 款/项 the project has met) and 经济分类 items, by code.
///
/// The catalogue names codes; it never gates them. A code it does not know is kept with the
/// name its source printed (`Document.unknownCodes()` lists them).
public enum Catalogue {
    /// The 功能分类 类 in code order (TABLES.md §1).
    public static let functionalCategories: [(code: String, name: String)] = [
        ("201", "一般公共服务支出"), ("202", "外交支出"), ("203", "国防支出"), ("204", "公共安全支出"),
        ("205", "教育支出"), ("206", "科学技术支出"), ("207", "文化旅游体育与传媒支出"),
        ("208", "社会保障和就业支出"), ("210", "卫生健康支出"), ("211", "节能环保支出"),
        ("212", "城乡社区支出"), ("213", "农林水支出"), ("214", "交通运输支出"),
        ("215", "资源勘探工业信息等支出"), ("216", "商业服务业等支出"), ("217", "金融支出"),
        ("219", "援助其他地区支出"), ("220", "自然资源海洋气象等支出"), ("221", "住房保障支出"),
        ("222", "粮油物资储备支出"), ("223", "国有资本经营预算支出"), ("224", "灾害防治及应急管理支出"),
        ("229", "其他支出"), ("231", "债务还本支出"), ("232", "债务付息支出"), ("234", "抗疫特别国债安排的支出"),
    ]

    /// 款 and 项 met in the project's sources (not a complete list).
    static let functionalDetail: [String: String] = [
        "20103": "政府办公厅（室）及相关机构事务", "2010301": "行政运行", "2010302": "一般行政管理事务",
        "2010303": "机关服务", "2010308": "信访事务", "2010350": "事业运行",
        "2010399": "其他政府办公厅（室）及相关机构事务支出",
        "20699": "其他科学技术支出", "2069999": "其他科学技术支出",
        "20805": "行政事业单位养老支出", "2080501": "行政单位离退休", "2080502": "事业单位离退休",
        "2080505": "机关事业单位基本养老保险缴费支出", "2080506": "机关事业单位职业年金缴费支出",
        "2080599": "其他行政事业单位养老支出",
        "21011": "行政事业单位医疗", "2101101": "行政单位医疗", "2101102": "事业单位医疗",
        "2101103": "公务员医疗补助", "2101199": "其他行政事业单位医疗支出",
        "22102": "住房改革支出", "2210201": "住房公积金", "2210202": "提租补贴", "2210203": "购房补贴",
    ]

    /// Former names of 类 that real documents still print.
    public static let formerNames: [String: String] = [
        "文化体育与传媒支出": "207", "医疗卫生与计划生育支出": "210", "医疗卫生支出": "210",
    ]

    /// 经济分类 类 and 款 (TABLES.md §1).
    static let economic: [String: String] = [
        "301": "工资福利支出", "302": "商品和服务支出", "303": "对个人和家庭的补助",
        "307": "债务利息及费用支出", "309": "资本性支出（基本建设）", "310": "资本性支出", "399": "其他支出",
        "30101": "基本工资", "30102": "津贴补贴", "30103": "奖金", "30106": "伙食补助费", "30107": "绩效工资",
        "30108": "机关事业单位基本养老保险缴费", "30109": "职业年金缴费", "30110": "职工基本医疗保险缴费",
        "30111": "公务员医疗补助缴费", "30112": "其他社会保障缴费", "30113": "住房公积金", "30114": "医疗费",
        "30199": "其他工资福利支出",
        "30301": "离休费", "30302": "退休费", "30303": "退职（役）费", "30304": "抚恤金", "30305": "生活补助",
        "30306": "救济费", "30307": "医疗费补助", "30308": "助学金", "30309": "奖励金",
        "30310": "个人农业生产补贴", "30311": "代缴社会保险费", "30399": "其他对个人和家庭的补助",
        "30201": "办公费", "30202": "印刷费", "30203": "咨询费", "30204": "手续费", "30205": "水费",
        "30206": "电费", "30207": "邮电费", "30208": "取暖费", "30209": "物业管理费", "30211": "差旅费",
        "30212": "因公出国（境）费用", "30213": "维修（护）费", "30214": "租赁费", "30215": "会议费",
        "30216": "培训费", "30217": "公务接待费", "30218": "专用材料费", "30224": "被装购置费",
        "30225": "专用燃料费", "30226": "劳务费", "30227": "委托业务费", "30228": "工会经费", "30229": "福利费",
        "30231": "公务用车运行维护费", "30239": "其他交通费用", "30240": "税金及附加费用",
        "30299": "其他商品和服务支出",
        "31001": "房屋建筑物购建", "31002": "办公设备购置", "31003": "专用设备购置",
        "31007": "信息网络及软件购置更新", "31013": "公务用车购置", "31019": "其他交通工具购置",
        "31021": "文物和陈列品购置", "31022": "无形资产购置", "31099": "其他资本性支出",
    ]

    static let categoryNames: [String: String] = Dictionary(
        uniqueKeysWithValues: functionalCategories.map { ($0.code, $0.name) })

    /// The 功能分类 name of a 3/5/7-digit code, if the catalogue knows it.
    public static func functionalName(_ code: String) -> String? {
        categoryNames[code] ?? functionalDetail[code]
    }

    /// The 经济分类 name of a 3/5-digit code, if the catalogue knows it.
    public static func economicName(_ code: String) -> String? { economic[code] }

    /// The name of a code in the classification `table` uses (经济分类 for 06, 功能分类 otherwise).
    public static func name(of code: String, in table: TableID) -> String? {
        table == .t06 ? economicName(code) : functionalName(code)
    }

    /// The 功能分类 类 code for a printed 类 name (ordinals, spaces and former names allowed).
    public static func categoryCode(forName printed: String) -> String? {
        let name = Labels.normalise(Labels.strippingOrdinal(printed))
        if let hit = functionalCategories.first(where: { $0.name == name }) { return hit.code }
        return formerNames[name]
    }

    /// The code one level up (`2010301` → `20103` → `201`), or nil for a 类.
    public static func parent(of code: String) -> String? {
        switch code.count {
        case 7: return String(code.prefix(5))
        case 5: return String(code.prefix(3))
        default: return nil
        }
    }

    /// Which 经费 group an 经济分类 code of 公开06表 belongs to.
    public enum EconomicGroup: String, Sendable {
        case personnel = "人员经费"
        case publicUse = "公用经费"
    }

    /// The 经济分类 类 whose sum is 人员经费 (301 工资福利支出, 303 对个人和家庭的补助).
    public static let personnelCategories = ["301", "303"]

    /// 301/303 → 人员经费; 302, 310 and the other 类 → 公用经费.
    public static func economicGroup(of code: String) -> EconomicGroup {
        personnelCategories.contains(String(code.prefix(3))) ? .personnel : .publicUse
    }
}

extension Document {
    /// Codes the catalogue does not know, with the names their source printed.
    public func unknownCodes() -> [(table: TableID, code: String, name: String)] {
        var out: [(TableID, String, String)] = []
        for table in orderedTables {
            for row in table.rows {
                if let code = row.code, Catalogue.name(of: code, in: table.id) == nil {
                    out.append((table.id, code, row.name))
                }
            }
        }
        return out
    }
}

/// Normalising printed labels for matching.
public enum Labels {
    /// Removes all white space (labels wrap inside cells: "机关事业单位基本养老保险\n缴费支出") and
    /// unifies quotes and brackets.
    public static func normalise(_ text: String) -> String {
        // Most labels need nothing: leave them untouched without building a new string.
        if !text.unicodeScalars.contains(where: needsWork) { return text }
        var out = ""
        for ch in text where !ch.isWhitespace {
            switch ch {
            case "\"", "「", "“": out.append("“")
            case "」", "”": out.append("”")
            case "(": out.append("（")
            case ")": out.append("）")
            default: out.append(ch)
            }
        }
        guard out.contains("“") else { return out }
        // Straight quotes come in pairs: make every second one a closing quote.
        var fixed = ""
        var open = false
        for ch in out {
            if ch == "“" {
                fixed.append(open ? "”" : "“")
                open.toggle()
            } else {
                if ch == "”" { open = false }
                fixed.append(ch)
            }
        }
        return fixed
    }

    private static let numerals: Set<Character> = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "百"]

    /// A scalar `normalise` removes or maps: white space, quotes, brackets. (A switch: a
    /// property or set lookup per scalar was a noticeable share of reading a workbook.)
    @inline(__always)
    private static func needsWork(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x22, 0x28, 0x29, 0x300C, 0x300D, 0x201C, 0x201D: return true
        case 0x21...0x7E: return false
        case 0x3001...0xFFEF: return false
        default: return s.properties.isWhitespace
        }
    }

    /// Strips a leading ordinal: `一、`, `（一）`, `1.`, `1、`, `(1)`.
    public static func strippingOrdinal(_ text: String) -> String {
        var s = Substring(text.trimmingSpaces())
        // Most names (every 科目 name) start with neither a bracket nor a numeral.
        guard let first = s.first, first == "（" || first == "(" || numerals.contains(first) || first.isASCIIDigitChar
        else { return String(s) }
        if let f = s.first, f == "（" || f == "(" {
            let inner = s.dropFirst().prefix { numerals.contains($0) || $0.isASCIIDigitChar }
            let after = s.dropFirst(1 + inner.count)
            if !inner.isEmpty, let c = after.first, c == "）" || c == ")" {
                return String(after.dropFirst()).trimmingSpaces()
            }
            return String(s)
        }
        let lead = s.prefix { numerals.contains($0) || $0.isASCIIDigitChar }
        if !lead.isEmpty, let c = s.dropFirst(lead.count).first, "、.．".contains(c) {
            s = s.dropFirst(lead.count + 1)
        }
        return String(s).trimmingSpaces()
    }
}
