import FoundationEssentials
import Hivex

extension HiveRecord {
    /// What hivex's unsafe mode skipped over in `hive` (opened in that mode), except what `known`
    /// already says: that hivex's safe mode rejects the file (then damaged cells were skipped at
    /// open), and every place a walk of the whole hive could not descend into.
    public static func unsafeProblems(of hive: Hive, besides known: [String] = []) -> [String] {
        var problems: [String] = []
        do {
            // hivex's unsafe mode skips what it cannot read without saying so: what its safe mode
            // cannot walk in the same file is what unsafe mode may have skipped.
            let safe = try Hive(path: hive.path, options: [.ignoreLogs])
            let stops = (try? safe.walk { _ in }.stops) ?? []
            problems += stops.map { "\($0.description) (in hivex's safe mode; unsafe mode skips what it cannot read there)" }
        } catch let error as HiveError {
            problems.append("\\: hivex's safe mode rejects the file (\(error.message)); unsafe mode skipped the damaged cells")
        } catch {
            problems.append("\\: hivex's safe mode rejects the file (\(error)); unsafe mode skipped the damaged cells")
        }
        do {
            problems += try hive.walk { _ in }.stops.map(\.description)
        } catch let error as HiveError {
            problems.append("\\: the hive could not be walked: \(error.message)")
        } catch {
            problems.append("\\: the hive could not be walked: \(error)")
        }
        return problems.filter { !known.contains($0) }
    }
}
