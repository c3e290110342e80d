/// Why an argument of a repair was refused.
public struct RepairArgumentError: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
