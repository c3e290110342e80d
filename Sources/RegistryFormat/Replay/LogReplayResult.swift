/// What ``LogReplay/replay(primary:logs:)`` made of a hive and its transaction logs.
public struct LogReplayResult: Sendable {
    /// The replayed hive file (clean base block, valid checksum) as the primary plus the writes over
    /// it, or nil when no log applied. Never written back over the primary by this layer.
    public var replayed: ReplayedHive?
    /// The whole replayed hive file, copied into one array (see ``replayed``), or nil when no log applied.
    public var image: [UInt8]? { replayed?.bytes }
    /// The logs applied, in the order they were applied.
    public var applied: [AppliedLog]
    /// The logs not applied, each with its reason, in the order they were given.
    public var skipped: [SkippedLog]
    /// The sequence number written to both sequence fields of the image's base block (nil without image).
    public var sequenceAfter: UInt32?
    /// Whether the primary needed recovery: bad base-block checksum or differing sequence numbers.
    public var primaryWasDirty: Bool
    /// Things a user should know: a damaged log entry where replay stopped, a primary that is no hive,
    /// a base block taken from a log.
    public var warnings: [String]

    /// Creates a result.
    public init(replayed: ReplayedHive?, applied: [AppliedLog], skipped: [SkippedLog], sequenceAfter: UInt32?,
                primaryWasDirty: Bool, warnings: [String]) {
        self.replayed = replayed
        self.applied = applied
        self.skipped = skipped
        self.sequenceAfter = sequenceAfter
        self.primaryWasDirty = primaryWasDirty
        self.warnings = warnings
    }

    /// Whether any log applied (then ``replayed`` is set).
    public var didApply: Bool { replayed != nil }
}
