/// Replays a dirty hive's transaction logs in memory, as Windows does when it loads the hive, following
/// msuhanov's specification ("Transaction log files", "Dirty state of a hive", "Multiple transaction
/// log files") and its reference implementation yarp (`RegistryFile.py`, `PrimaryFile`).
///
/// Pure and total: works on byte arrays, never traps on any input, and takes time linear in the input.
public enum LogReplay {
    /// Replays `logs` over the hive file `primary` and returns the recovered hive file, if any log applied.
    ///
    /// - A clean hive (valid checksum, equal sequence numbers) ignores its logs.
    /// - New-format logs are ordered by sequence number with wrap-around, never by name; the first one at
    ///   or after the hive's secondary sequence number applies, then each log that continues it. Entries
    ///   apply in sequence from the log's own sequence number; replay of a log stops at the first invalid
    ///   entry. With a bad primary checksum, only the newest log applies and the base block comes from it.
    /// - Without usable new-format logs, one old-format log whose timestamp is not older than the
    ///   primary's applies (the newest such).
    /// - The image's base block: both sequence numbers set to the last applied, the new hive bins data
    ///   size, flag bit 0 from the last entry, file type 0 (primary) and a recomputed checksum.
    ///
    /// The result refers to `primary`'s bytes (``ReplayedHive`` is the primary plus the pages over it):
    /// borrowed bytes must outlive it.
    public static func replay(primary: HiveBytes, logs: [TransactionLogInput]) -> LogReplayResult {
        var session = ReplaySession(primary: primary, logs: logs)
        return session.run()
    }

    /// ``replay(primary:logs:)-(HiveBytes,_)`` over a primary held in an array (copied once: the
    /// result's ``LogReplayResult/replayed`` refers to the primary's bytes, so they must outlive it).
    public static func replay(primary: [UInt8], logs: [TransactionLogInput]) -> LogReplayResult {
        replay(primary: HiveBytes(copying: primary), logs: logs)
    }
}
