import MTLintCore

/// `mtlint rules` and `mtlint explain`.
public enum RuleCatalog {
    public static func json(_ ruleSet: RuleSet) -> String {
        var w = JSONWriter()
        w.beginArray()
        for rule in ruleSet.rules {
            w.beginObject()
            w.value("id", rule.id)
            w.value("kind", rule.meta.kind)
            w.value("severity", rule.meta.severity.rawValue)
            w.value("fixable", rule.meta.fixable)
            w.value("pack", rule.meta.pack)
            w.value("description", rule.meta.description)
            w.endObject()
        }
        w.endArray()
        return w.output + "\n"
    }

    public static func text(_ ruleSet: RuleSet) -> String {
        let idWidth = ruleSet.rules.map(\.id.count).max() ?? 2
        let kindWidth = ruleSet.rules.map(\.meta.kind.count).max() ?? 4
        var out = ""
        for rule in ruleSet.rules {
            let m = rule.meta
            out += m.id.padding(idWidth) + "  " + m.severity.rawValue.padding(7) + "  " + m.kind.padding(kindWidth)
            out += "  " + (rule.meta.fixable ? "fix" : "   ") + "  " + m.description + "\n"
        }
        return out
    }

    public static func explain(_ rule: any Rule, pack: PackInfo?) -> String {
        let m = rule.meta
        var out = "\(m.id)\n"
        out += "  kind: \(m.kind)   severity: \(m.severity.rawValue)   fix: \(rule.meta.fixable ? m.applicability.rawValue : "none")\n"
        if let pack { out += "  pack: \(pack.name) (\(pack.language)) — \(pack.description)\n" }
        out += "  defined at: \(m.location)\n\n"
        out += m.description + "\n"
        if let why = m.rationale { out += "\nWhy: " + why + "\n" }
        if !m.examples.isEmpty { out += "\nExamples:\n" }
        for ex in m.examples {
            switch ex.expectation {
            case .bad(let fixed):
                out += "  bad:   \(ex.text)\n"
                if let fixed { out += "  fixed: \(fixed)\n" }
            case .good:
                out += "  good:  \(ex.text)\n"
            }
        }
        return out
    }
}

extension String {
    fileprivate func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
