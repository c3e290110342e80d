/// Why an argument given to HivetoolKit (a number of days, a time span, a name pattern) was
/// refused, in words the user understands. The command line reports it as a usage error.
public struct ArgumentError: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

/// The former name of ``ArgumentError`` for repair arguments.
public typealias RepairArgumentError = ArgumentError
/// The former name of ``ArgumentError`` for `set-expire`'s DAYS.
public typealias ProfileExpireDaysError = ArgumentError
