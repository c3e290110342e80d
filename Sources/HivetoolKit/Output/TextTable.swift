import FoundationEssentials

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
                return index == row.count - 1 ? shown : shown.padded(to: widths[index])
            }.joined(separator: "  ").trailingSpacesRemoved
        }.joined(separator: "\n") + "\n"
    }
}
