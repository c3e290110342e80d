import FoundationEssentials
import Hivex

/// A PST or OST file named by a profile.
public struct DataFile: Codable, Hashable, Sendable {
    public var path: String
    /// `pst`, `ost`, or `other`, from the file extension.
    public var kind: String
    /// The section and value the path came from.
    public var section: String
    public var value: String

    public init(path: String, kind: String, section: String, value: String) {
        self.path = path
        self.kind = kind
        self.section = section
        self.value = value
    }
}
