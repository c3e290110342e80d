/// RFC 4180 CSV lines.
public enum CSV {
    /// One line: fields quoted when they hold a comma, quote, CR or LF.
    public static func line(_ fields: [String]) -> String {
        fields.map(escape).joined(separator: ",") + "\n"
    }

    static func escape(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// Text rendering helpers.
public enum TextTable {
    /// Pads `rows` into aligned columns separated by two spaces (the last column is not padded).
    public static func render(_ rows: [[String]], indent: String = "  ") -> String {
        guard let columns = rows.map(\.count).max(), columns > 0 else { return "" }
        var widths = [Int](repeating: 0, count: columns)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], Printable.text(cell).count) }
        }
        return rows.map { row in
            indent + row.enumerated().map { index, cell in
                let shown = Printable.text(cell)
                return index == row.count - 1 ? shown : shown.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ").trailingSpacesRemoved
        }.joined(separator: "\n") + "\n"
    }
}

/// Names shown in text output: control characters (NUL in a key name) become `\xNN`.
public enum Printable {
    public static func text(_ string: String) -> String {
        guard string.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return string }
        var result = ""
        for scalar in string.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F {
                result += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

extension String {
    var trailingSpacesRemoved: String {
        var result = self
        while result.hasSuffix(" ") { result.removeLast() }
        return result
    }
}
