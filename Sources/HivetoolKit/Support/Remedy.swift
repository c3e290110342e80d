/// What gets past a refusal: an option of the request, and what taking it costs. HivetoolKit names
/// the option by the API that sets it (``Option/name``); the command line spells it as its flag.
public struct Remedy: Hashable, Sendable {
    /// An option of a request that a refusal, or a message about the request, names.
    public enum Option: Hashable, Sendable {
        /// ``SafeEditOptions/force``: edit a dirty hive, or restore a backup the journal does not know.
        case force
        /// ``SafeEditOptions/applyLogs``: edit a dirty hive with its transaction logs applied.
        case applyLogs
        /// ``SafeEditOptions/wait``: wait for another editor of the same hive.
        case wait
        /// ``ProfileExpireEdit/createKey``: create the `Agents` key.
        case createKey
        /// ``ProfileExpireEdit/target``: write this view.
        case view(EnterpriseVaultView)
        /// ``ProfileExpireEdit/replaceType``: replace a value of another type.
        case replaceType
        /// `allowZero` of ``ProfileExpireEdit/parseDays(_:allowZero:)``: accept 0 days.
        case allowZero
        /// ``DeleteProfileRepair/DefaultProfileHandling/clear``: delete the default profile and `DefaultProfile`.
        case forceDefault
        /// ``DeleteProfileRepair/DefaultProfileHandling/replace(with:)``: make another profile the default.
        case newDefault
        /// The `layout` of a repair: which profile root.
        case layout
        /// The `container` of ``UnmarkRepair``: which `Deleted Profiles` container.
        case container
        /// ``PurgeRepair/olderThan``: an age filter.
        case olderThan
        /// A ``PurgeRepair`` with ``PurgeRepair/staleOnly``: remove stale marks only.
        case staleOnly
        /// hivex's unsafe mode (`Hive.OpenOptions.unsafe`): read what hivex can of a damaged hive.
        case unsafe

        /// The option as HivetoolKit's API spells it; what ``HivetoolError/description`` uses.
        public var name: String {
            switch self {
            case .force: "SafeEditOptions.force"
            case .applyLogs: "SafeEditOptions.applyLogs"
            case .wait: "SafeEditOptions.wait"
            case .createKey: "ProfileExpireEdit.createKey"
            case .view(let view): "ProfileExpireEdit.target .\(view.rawValue)"
            case .replaceType: "ProfileExpireEdit.replaceType"
            case .allowZero: "allowZero"
            case .forceDefault: "DefaultProfileHandling.clear"
            case .newDefault: "DefaultProfileHandling.replace(with:)"
            case .layout: "the repair's layout"
            case .container: "UnmarkRepair.container"
            case .olderThan: "PurgeRepair.olderThan"
            case .staleOnly: "PurgeRepair.staleOnly"
            case .unsafe: "Hive.OpenOptions.unsafe"
            }
        }
    }

    /// The option that gets past the refusal.
    public var option: Option
    /// What taking it costs (or does), in words that name no option.
    public var cost: String

    public init(_ option: Option, cost: String) {
        self.option = option
        self.cost = cost
    }
}

/// How a message spells an option: HivetoolKit's ``Remedy/Option/name``, or a command line's flag.
public typealias OptionSpelling = @Sendable (Remedy.Option) -> String
