import Foundation
import Hivex
import Testing
import TestSupport
@testable import HivetoolKit

@Suite struct HiveKindTests {
    @Test(arguments: [
        (#"\SystemRoot\System32\Config\SOFTWARE"#, HiveKind.software),
        ("SYSTEM", .system),
        (#"\SystemRoot\System32\Config\SAM"#, .sam),
        (#"emRoot\System32\Config\SECURITY"#, .security),
        (#"\SystemRoot\System32\Config\DEFAULT"#, .default),
        (#"?\C:\Users\jmroberts\ntuser.dat"#, .user),
        (#"\??\C:\Users\tony\NTUSER.DAT"#, .user),
        (#"\Microsoft\Windows\UsrClass.dat"#, .usrclass),
    ])
    func storedFileNameDecides(name: String, kind: HiveKind) {
        // Root keys that say otherwise do not matter when Windows' own name is there.
        let evidence = HiveKindEvidence.identify(embeddedFileName: name, rootKeyNames: ["Foo"])
        #expect(evidence.kind == kind)
        #expect(evidence.reason.contains(name))
    }

    @Test func rootKeysDecideWhenTheNameIsNotWindowsOne() {
        func kind(_ keys: [String]) -> HiveKind {
            HiveKindEvidence.identify(embeddedFileName: #"\??\D:\temp\re\other\SAN"#, rootKeyNames: keys).kind
        }
        // A Windows 10 SYSTEM hive has a root Software key: one key is not enough.
        #expect(kind(["ActivationBroker", "ControlSet001", "Select", "Setup", "Software"]) == .system)
        #expect(kind(["AppEvents", "Control Panel", "Environment", "Software"]) == .user)
        #expect(kind(["Control Panel", "Environment", "SOFTWARE"]) == .user)
        #expect(kind(["Classes", "Clients", "Microsoft", "Policies", "Wow6432Node"]) == .software)
        #expect(kind(["KVS", "Microsoft", "Wow6432Node"]) == .software)
        #expect(kind(["SAM"]) == .sam)
        #expect(kind(["Cache", "Policy", "RXACT", "SAM"]) == .security)
        #expect(kind(["*", ".txt", "CLSID", "Local Settings"]) == .usrclass)
        #expect(kind(["Software"]) == .unknown)
        #expect(kind([]) == .unknown)
        #expect(HiveKindEvidence.identify(embeddedFileName: "", rootKeyNames: ["Select", "ControlSet002"]).reason
                == "root keys Select, ControlSet002")
    }

    @Test func samplesAreToldApart() throws {
        #expect(HiveKindEvidence(hive: try Hive(path: Fixtures.sample("NTUSER.DAT"))).kind == .user)
        #expect(HiveKindEvidence(hive: try Hive(path: Fixtures.sample("SOFTWARE"))).kind == .software)
    }

    @Test(.enabled(if: Fixtures.hasSharedHives, "needs ../shared/hives"), arguments: [
        ("real/NTUSER-outlook2010.DAT", HiveKind.user),
        ("real/NTUSER-outlook2016.DAT", .user),
        ("real/NTUSER-no-outlook.DAT", .user),
        ("real/SYSTEM-win10", .system),
        ("dirty/SYSTEM_B", .system),
        ("dirty/UsrClass.dat", .usrclass),
        ("dirty/transactions_NTUSER.DAT", .user),
    ])
    func sharedRealHivesAreToldApart(relative: String, kind: HiveKind) throws {
        let hive = try Hive(path: Fixtures.shared(relative))
        #expect(HiveKindEvidence(hive: hive).kind == kind)
        // With the stored name blanked, the root keys alone still tell the kind.
        let names = try hive.children(of: hive.root()).map { try hive.name(of: $0) }
        #expect(HiveKindEvidence.identify(embeddedFileName: "", rootKeyNames: names).kind == kind)
    }
}
