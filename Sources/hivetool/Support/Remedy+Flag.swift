import HivetoolKit

extension Remedy.Option {
    /// How hivetool's command line spells the option: its flag (the one place HivetoolKit's
    /// messages get their command-line words).
    var flag: String {
        switch self {
        case .force: "--force"
        case .applyLogs: "--apply-logs"
        case .wait: "--wait"
        case .createKey: "--create-key"
        case .view(let view): "--view \(view.rawValue)"
        case .replaceType: "--replace-type"
        case .allowZero: "--allow-zero"
        case .forceDefault: "--force-default"
        case .newDefault: "--new-default"
        case .layout: "--layout"
        case .container: "--container"
        case .olderThan: "--older-than"
        case .staleOnly: "purge --stale-only"
        case .unsafe: "--unsafe"
        }
    }
}

extension HivetoolError {
    /// The one line hivetool prints, options spelled as flags.
    var commandLineDescription: String { description(spelling: \.flag) }
}
