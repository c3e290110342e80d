import FoundationEssentials
import Hivex

extension ProfileInventory {
    /// Refuses a hive that cannot hold MAPI profiles: one with no profile root, no `Deleted Profiles`
    /// container and no `Software` key at its root (a SOFTWARE, SYSTEM or SAM hive, say).
    ///
    /// A user hive without profiles passes: there `delete-profile` reports the profile missing and
    /// `purge` has nothing to do.
    public func requireUserHive() throws {
        guard roots.isEmpty && deletedProfileMarks.isEmpty else { return }
        if hasSoftwareKey { return }
        throw HiveError(.refused, operation: "find MAPI profiles", path: hive.path,
                        message: "not a user hive: it has no MAPI profile root and no Software key; MAPI profiles live in a user's NTUSER.DAT (or the DEFAULT hive for LocalSystem services)")
    }

    /// The one profile called `name` (any case), in `layout` when given.
    /// - Throws: `HiveError` `keyNotFound` when there is none, `invalidArgument` when several roots
    ///   hold one and `layout` does not choose.
    public func profile(named name: String, layout: ProfileLayout?) throws -> MAPIProfile {
        let everywhere = profiles.filter { RegistryPath.namesEqual($0.name, name) }
        let candidates = everywhere.filter { layout == nil || $0.layout == layout }
        if candidates.count == 1 { return candidates[0] }
        let quoted = "\"\(Printable.text(name))\""
        if candidates.isEmpty {
            var message = "no MAPI profile named \(quoted)"
            if let layout {
                message += " under \(layout.rawValue)"
                if !everywhere.isEmpty {
                    message += " (it exists under \(everywhere.map(\.layout.rawValue).joined(separator: ", ")))"
                }
            }
            let stale = deletedProfileMarks.filter { RegistryPath.namesEqual($0.profile, name) && (layout == nil || $0.layout == layout) }
            if !stale.isEmpty {
                message += "; stale marks name it in \(stale.map(\.container).joined(separator: ", ")) (remove them with purge --stale-only)"
            }
            if roots.isEmpty { message += "; this hive has no MAPI profile root" }
            throw HiveError(.keyNotFound, operation: "find profile", path: hive.path, message: message)
        }
        throw HiveError(.invalidArgument, operation: "find profile", path: hive.path,
                        message: "profile \(quoted) exists under several roots (\(candidates.map(\.layout.rawValue).joined(separator: ", "))); choose one with --layout")
    }

    /// The marks naming `profile` in the containers of its root.
    public func marks(of profile: MAPIProfile) -> [DeletionMark] {
        deletedProfileMarks.filter { $0.layout == profile.layout && RegistryPath.namesEqual($0.profile, profile.name) }
    }

    /// The root of `layout`, when the hive has its `Profiles` key.
    public func root(of layout: ProfileLayout) -> ProfileRoot? {
        roots.first { $0.layout == layout }
    }

    /// The `DefaultProfile` value of `layout`'s root, as stored.
    /// - Throws: `HiveError` `valueNotFound` when the root has none.
    public func defaultProfileSetting(of layout: ProfileLayout) throws -> (keyPath: String, value: RegistryValue) {
        guard let setting = defaultProfileSettings.first(where: { $0.layout == layout }) else {
            throw HiveError(.valueNotFound, operation: "read default profile", path: hive.path, keyPath: RegistryPath.display(layout.defaultProfileKeyPath),
                            message: "value \"\(ProfileLayout.defaultProfileValueName)\" not found")
        }
        return (setting.keyPath, setting.value)
    }
}
