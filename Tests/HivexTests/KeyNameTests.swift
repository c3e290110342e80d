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

    @Test func writableHivesAreNamedByHivex() throws {
        let hive = try Hive(path: Fixtures.sample("NTUSER.DAT"), options: .writable)
        #expect(hive.latin1Name(of: try hive.root()) == nil)
        #expect(try hive.name(of: try hive.root()) == (try hive.hivexName(of: try hive.root())))
        let verifying = try Hive(path: Fixtures.sample("NTUSER.DAT"), options: .namesThroughHivex)
        #expect(verifying.latin1Name(of: try verifying.root()) == nil, "an edit's verification reads names through hivex")
        #expect(try verifying.name(of: try verifying.root()) == (try verifying.hivexName(of: try verifying.root())))
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
