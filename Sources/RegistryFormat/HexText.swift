/// Lowercase hexadecimal text, as `String(format: "%0*x")` wrote it, without Foundation (whose
/// formatting needs ICU).
public enum HexText {
    /// `value` in lowercase hex, left-padded with zeros to at least `digits` digits.
    public static func padded(_ value: some BinaryInteger, digits: Int) -> String {
        let text = String(value, radix: 16)
        return text.count >= digits ? text : String(repeating: "0", count: digits - text.count) + text
    }

    /// Two lowercase hex digits per byte, no separator (a SHA-256 digest's usual spelling).
    public static func bytes(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
