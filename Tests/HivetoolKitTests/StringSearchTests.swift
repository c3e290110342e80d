import Testing
@testable import HivetoolKit

/// The ASCII case-folding search that replaced `lowercased().contains(_:)` for value names finds
/// what it found, over names built from the fragment's letters in both cases and from other text.
@Suite struct StringSearchTests {
    @Test func findsWhatLowercasedContainsFinds() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["pass", "PASS", "word", "WoRd", "Password", "PASSWORD", "p", "a", "ß", "é", "K", "İ", "😀", " ", "001f", ""]
        var names = ["", "password", "EncryptedPassword", "PST Password", "passwor", "asswordp", "PaSsWoRd2", "pass word"]
        for _ in 0..<2_000 {
            names.append((0..<Int.random(in: 0...6, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        for name in names {
            #expect(name.containsIgnoringASCIICase("password") == name.lowercased().contains("password"), "\(name)")
        }
        #expect("abc".containsIgnoringASCIICase(""))
        #expect(!"".containsIgnoringASCIICase("a"))
        #expect("ÉCOLE".containsIgnoringASCIICase("COLE") && !"ÉCOLE".containsIgnoringASCIICase("école"))
    }
}
