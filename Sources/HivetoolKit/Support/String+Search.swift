extension String {
    /// Whether `fragment` occurs in the string, ASCII letters compared without regard to case and
    /// every other byte as it is (UTF-8). For short names, where the standard library's substring
    /// search costs more: it sets up a searcher, with a table of `Character`s, at every call.
    func containsIgnoringASCIICase(_ fragment: String) -> Bool {
        let text = Array(utf8), pattern = Array(fragment.utf8)
        guard pattern.count <= text.count else { return false }
        if pattern.isEmpty { return true }
        func folded(_ byte: UInt8) -> UInt8 { (0x41...0x5A).contains(byte) ? byte | 0x20 : byte }
        return (0...(text.count - pattern.count)).contains { start in
            pattern.indices.allSatisfy { folded(text[start + $0]) == folded(pattern[$0]) }
        }
    }
}
