extension String {
    /// This string followed by spaces up to `width` characters (unchanged when already as wide),
    /// for text columns; what `padding(toLength:withPad:startingAt:)` gave, without Foundation.
    func padded(to width: Int) -> String {
        let count = self.count
        return count >= width ? self : self + String(repeating: " ", count: width - count)
    }

    /// This string without leading and trailing spaces and tabs (Unicode space separators, as
    /// Foundation's `.whitespaces` set holds them).
    var trimmingWhitespace: String {
        func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
            scalar == "\t" || scalar.properties.generalCategory == .spaceSeparator
        }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isWhitespace($0) }),
              let last = scalars.lastIndex(where: { !isWhitespace($0) }) else { return "" }
        return String(scalars[first...last])
    }
}
