import Foundation
import Hivex
import HivetoolKit
import Testing

/// A library user builds an inventory by hand (public initializers only, no `@testable`) and plans
/// repairs from it without any hive: repairs read nothing but the inventory.
@Suite struct HandBuiltInventoryTests {
    static let profiles = #"Software\Microsoft\Office\16.0\Outlook\Profiles"#
    static let container = #"Software\Microsoft\Office\16.0\Outlook\Deleted Profiles 0badf00d"#

    static func inventory() -> ProfileInventory {
        let work = MAPIProfile(name: "Work", layout: .office16, keyPath: profiles + #"\Work"#, status: .markedForDeletion, isDefault: true,
                               markedIn: ["Deleted Profiles 0badf00d"], sectionCount: 0, services: [], accounts: [],
                               dataFiles: [DataFile(path: #"C:\mail\work.pst"#, kind: "pst", section: "0a0d", value: "001f6700")],
                               undecodableValues: [])
        let home = MAPIProfile(name: "Home", layout: .office16, keyPath: profiles + #"\Home"#, status: .active, isDefault: false,
                               markedIn: [], sectionCount: 0, services: [], accounts: [], dataFiles: [], undecodableValues: [])
        let mark = DeletionMark(profile: "Work", layout: .office16, container: "Deleted Profiles 0badf00d", containerPath: container,
                                placement: .besideProfiles, sidCRC: "0badf00d", keyPath: container + #"\Work"#, profileExists: true)
        let setting = DefaultProfileSetting(layout: .office16, keyPath: #"Software\Microsoft\Office\16.0\Outlook"#,
                                            value: .string("DefaultProfile", "Work"), profile: "Work")
        return ProfileInventory(
            path: "NTUSER.DAT", roots: [ProfileRoot(layout: .office16, path: profiles, defaultProfile: "Work")], profiles: [work, home],
            deletedProfileMarks: [mark],
            containers: [DeletionContainer(name: "Deleted Profiles 0badf00d", path: container, layout: .office16, placement: .besideProfiles,
                                           lastWrite: nil)],
            defaultProfileSettings: [setting])
    }

    @Test func unmarkPlansFromTheContainersOfTheInventory() throws {
        let plan = try UnmarkRepair(profile: "work", container: "deleted profiles 0BADF00D").plan(Self.inventory())
        #expect(plan.steps.count == 1)
        if case .deleteMark(let mark) = plan.steps.first { #expect(mark.keyPath == Self.container + #"\Work"#) } else { Issue.record("\(plan)") }
        let missing = try #require(throws: HivetoolError.self) { try UnmarkRepair(profile: "Work", container: "Deleted Profiles").plan(Self.inventory()) }
        #expect(missing.reason == .containerNotFound(name: "Deleted Profiles", layout: .office16, existing: ["Deleted Profiles 0badf00d"]), "\(missing)")
        #expect(missing.exitStatus == .notFound && missing.description.contains(#"it has "Deleted Profiles 0badf00d""#))
    }

    @Test func deleteProfileUsesTheStoredDefaultProfileValue() throws {
        let plan = try DeleteProfileRepair(profile: "Work", defaultProfile: .replace(with: "Home")).plan(Self.inventory())
        #expect(plan.deletedProfiles.map(\.name) == ["Work"])
        #expect(plan.steps.contains(.setDefaultProfile(layout: .office16, keyPath: #"Software\Microsoft\Office\16.0\Outlook"#,
                                                       value: .string("DefaultProfile", "Home"))))
        let refused = try #require(throws: HivetoolError.self) { try DeleteProfileRepair(profile: "Work").plan(Self.inventory()) }
        #expect(refused.reason == .defaultProfile(name: "Work", layout: .office16) && refused.exitStatus == .refused, "\(refused)")
        #expect(refused.remedies.map(\.option) == [.forceDefault, .newDefault])
    }
}
