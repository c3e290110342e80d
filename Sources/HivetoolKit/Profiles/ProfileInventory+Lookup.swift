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
        throw HivetoolError(.notAUserHive, path: path)
    }

    /// The one profile called `name` (any case), in `layout` when given.
    /// - Throws: ``HivetoolError``: ``HivetoolError/Reason/profileNotFound(name:layout:existsUnder:staleMarksIn:hasProfileRoot:)``
    ///   when there is none, ``HivetoolError/Reason/ambiguousProfile(name:layouts:)`` when several
    ///   roots hold one and `layout` does not choose.
    public func profile(named name: String, layout: ProfileLayout?) throws -> MAPIProfile {
        let everywhere = profiles.filter { RegistryPath.namesEqual($0.name, name) }
        let candidates = everywhere.filter { layout == nil || $0.layout == layout }
        if candidates.count == 1 { return candidates[0] }
        if candidates.isEmpty {
            let stale = deletedProfileMarks.filter { RegistryPath.namesEqual($0.profile, name) && (layout == nil || $0.layout == layout) }
            throw HivetoolError(.profileNotFound(name: name, layout: layout, existsUnder: everywhere.map(\.layout),
                                                 staleMarksIn: stale.map(\.container), hasProfileRoot: !roots.isEmpty), path: path)
        }
        throw HivetoolError(.ambiguousProfile(name: name, layouts: candidates.map(\.layout)), path: path)
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
    /// - Throws: ``HivetoolError`` ``HivetoolError/Reason/missingValue(name:)`` when the root has none.
    public func defaultProfileSetting(of layout: ProfileLayout) throws -> (keyPath: String, value: RegistryValue) {
        guard let setting = defaultProfileSettings.first(where: { $0.layout == layout }) else {
            throw HivetoolError(.missingValue(name: ProfileLayout.defaultProfileValueName), path: path,
                                keyPath: RegistryPath.display(layout.defaultProfileKeyPath))
        }
        return (setting.keyPath, setting.value)
    }
}
