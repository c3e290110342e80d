import Testing
@testable import RegistryFormat

/// UTF-16LE decoding of bytes in memory (issue 16: the generic path cost tens of instructions a
/// byte) against the generic path, over bytes of every kind.
@Suite struct UTF16LETests {
    /// What ``UTF16LE/decode(_:)`` gives for a collection that is not contiguous.
    static func generic(_ bytes: [UInt8]) -> String {
        UTF16LE.decode(bytes.lazy.map { $0 })
    }

    @Test func contiguousBytesDecodeAsTheGenericPathDoes() {
        var samples: [[UInt8]] = [
            [], [0x41], [0x41, 0x00], [0x41, 0x00, 0x42], [0x00, 0x00, 0x41, 0x00], Array(UTF16LE.encode("Outlook")),
            Array(UTF16LE.encode("C:\\Users\\ålice\\Documents\\Outlook Files\\åäö.pst")), Array(UTF16LE.encode("😀 emoji")),
            [0x00, 0xD8, 0x41, 0x00], [0x00, 0xDC], [0x3D, 0xD8, 0x00, 0xDE, 0x00, 0x00, 0x41, 0x00], [0x7F, 0x00, 0x80, 0x00],
        ]
        var generator = SystemRandomNumberGenerator()
        for length in 0..<200 {
            samples.append((0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) })
            // Mostly ASCII text with a few odd units in it.
            samples.append((0..<length).map { $0 % 2 == 1 ? (length % 7 == 0 ? 0xD8 : 0) : UInt8.random(in: 1...0x7F, using: &generator) })
        }
        for bytes in samples {
            #expect(UTF16LE.decode(bytes) == Self.generic(bytes), "\(bytes)")
            #expect(UTF16LE.decode(bytes[...]) == Self.generic(bytes), "\(bytes)")
        }
        #expect(UTF16LE.decode(UTF16LE.encode("Outlook")) == "Outlook")
        #expect(UTF16LE.decode([0x00, 0xD8, 0x41, 0x00]) == "\u{FFFD}A")
    }
    /// ``UTF16LE/string(fromCodeUnits:)`` transcodes as the standard library does (differential):
    /// every kind of unit (ASCII, two- and three-byte UTF-8, surrogate pairs, unpaired high and low
    /// surrogates, at the end and in the middle), scalar by scalar and byte by byte.
    @Test func codeUnitsTranscodeAsTheStandardLibraryDoes() {
        let edges: [UInt16] = [0, 0x41, 0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0xE000, 0xFFFD, 0xFFFF]
        var samples: [[UInt16]] = [[], [0xD800], [0xDC00], [0xD800, 0xD800, 0xDC00], [0xDC00, 0xD800], [0xD83D, 0xDE00], [0xD83D, 0x41, 0xDE00]]
        samples += edges.flatMap { first in edges.map { [first, $0] } }
        var generator = SplitMix64(seed: 16)
        for length in 0..<300 {
            samples.append((0..<length).map { _ in
                // Half the units surrogates, so pairs and strays of every kind occur.
                Bool.random(using: &generator) ? UInt16.random(in: 0xD800...0xDFFF, using: &generator)
                    : edges.randomElement(using: &generator)! &+ UInt16.random(in: 0...1, using: &generator)
            })
        }
        for units in samples {
            let expected = String(decoding: units, as: UTF16.self)
            let actual = UTF16LE.string(fromCodeUnits: units)
            #expect(Array(actual.utf8) == Array(expected.utf8), "\(units)")
            #expect(UTF16LE.string(fromCodeUnits: units[...]) == expected)
        }
    }
}
