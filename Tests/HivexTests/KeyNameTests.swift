import Foundation
import Testing
import TestSupport
@testable import Hivex

/// Key names read without hivex (Latin-1 names from the mapped image) against hivex's own decoding,
/// and the ASCII shortcut of name comparison against the Unicode one.
@Suite struct KeyNameTests {
    static var hives: [String] {
        var paths = ["NTUSER.DAT", "SOFTWARE", "NTUSER-outlook-history.DAT"].map(Fixtures.sample)
        if Fixtures.hasSharedHives {
            paths += ["real/NTUSER-outlook2010.DAT", "real/NTUSER-outlook2016.DAT", "real/NTUSER-no-outlook.DAT", "real/SYSTEM-win10",
                      "dirty/SYSTEM_B", "dirty/UsrClass.dat", "dirty/transactions_NTUSER.DAT", "odd/special"].map(Fixtures.shared)
        }
        return paths
    }

    @Test(arguments: hives) func everyNameReadWithoutHivexIsHivexsName(path: String) throws {
        let hive = try Hive(path: path)
        var pending = [try hive.root()], seen: Set<HiveKey> = [], fast = 0, compared = 0
        while let key = pending.popLast(), compared < 200_000 {
            guard seen.insert(key).inserted else { continue }
            let viaHivex = try? hive.hivexName(of: key)
            if let name = hive.latin1Name(of: key) {
                fast += 1
                #expect(name == viaHivex, "\(path): key at 0x\(String(key.offset, radix: 16))")
            }
            #expect((try? hive.name(of: key)) == viaHivex)
            compared += 1
            pending += (try? hive.children(of: key)) ?? []
        }
        #expect(fast > compared / 2, "\(path): most names are Latin-1 (\(fast) of \(compared))")
    }

    /// Issue 16: names asked for in ASCII are compared with the bytes of the image; every key's name,
    /// in other letter cases and changed by one byte, compares as the names themselves do.
    @Test(arguments: hives) func comparingTheImagesBytesAgreesWithComparingNames(path: String) throws {
        let hive = try Hive(path: path)
        var pending = [try hive.root()], seen: Set<HiveKey> = [], decided = 0
        while let key = pending.popLast(), seen.count < 5_000 {
            guard seen.insert(key).inserted, let name = try? hive.name(of: key) else { continue }
            var asked = [name, name.uppercased(), name.lowercased(), name + "x", String(name.dropLast()), "Software", "", "A@B", "a[b"]
            if let first = name.utf8.first { asked.append(String(decoding: [first ^ 0x20] + Array(name.utf8.dropFirst()), as: UTF8.self)) }
            for wanted in asked where wanted.utf8.allSatisfy({ $0 < 0x80 }) {
                guard let equal = hive.latin1Name(of: key, equalsASCII: Array(wanted.utf8)) else { continue }
                decided += 1
                #expect(equal == RegistryPath.namesEqual(name, wanted), "\(path): \(name.debugDescription) vs \(wanted.debugDescription)")
            }
            pending += (try? hive.children(of: key)) ?? []
        }
        #expect(decided > seen.count, "\(path): most comparisons are decided on the bytes (\(decided) for \(seen.count) keys)")
    }

    @Test func pathsSplitOnBackslashesAsCharacters() {
        for path in ["Software\\Microsoft", "\\Software\\\\Microsoft\\", "", "\\", "a", "Straße\\Ünicode\\x", "a\\\u{301}b\\c", "\r\n\\x\r\\\n",
                     "Control Panel\\International\\User Profile"] {
            let characters = path.split(separator: "\\", omittingEmptySubsequences: true).map(String.init)
            #expect(RegistryPath.components(path) == characters, "\(path.debugDescription)")
        }
        #expect(RegistryPath.components("a\\\u{301}b\\c") == ["a\\\u{301}b", "c"], "a backslash with a combining mark is one character")
    }

    @Test func writableHivesAreNamedByHivex() throws {
        let hive = try Hive(path: Fixtures.sample("NTUSER.DAT"), options: .writable)
        #expect(hive.latin1Name(of: try hive.root()) == nil)
        #expect(try hive.name(of: try hive.root()) == (try hive.hivexName(of: try hive.root())))
    }

    @Test func asciiComparisonAgreesWithTheUnicodeOne() {
        let names = ["Software", "SOFTWARE", "software", "Softwarf", "Soft", "", "Outlook", "OUTLOOK ", "a[b", "A{B", "a@b", "A`B",
                     "fıle", "FILE", "ſoftware", "Straße", "STRASSE", "Ünicode", "ünicode", "x\u{0}y", "X\u{0}Y"]
        for left in names {
            for right in names {
                let unicode = left.unicodeScalars.elementsEqual(right.unicodeScalars) {
                    RegistryPath.simpleUppercase($0) == RegistryPath.simpleUppercase($1)
                }
                #expect(RegistryPath.namesEqual(left, right) == unicode, "\(left) vs \(right)")
                if let ascii = RegistryPath.asciiNamesEqual(left, right) { #expect(ascii == unicode, "\(left) vs \(right)") }
            }
        }
        #expect(RegistryPath.asciiNamesEqual("fıle", "FILE") == nil, "a non-ASCII letter before any difference is left to Unicode")
    }
}
