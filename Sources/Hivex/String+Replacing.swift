extension String {
    /// This string with every `scalar` replaced by `replacement`, scalar by scalar (as
    /// `replacingOccurrences(of:with:)` did, without Foundation): a quote followed by a combining
    /// mark is still a quote, where the standard library's `replacing` compares whole characters.
    public func replacingEvery(_ scalar: Unicode.Scalar, with replacement: String) -> String {
        guard unicodeScalars.contains(scalar) else { return self }
        var result = String.UnicodeScalarView()
        for each in unicodeScalars {
            if each == scalar { result.append(contentsOf: replacement.unicodeScalars) } else { result.append(each) }
        }
        return String(result)
    }
}
