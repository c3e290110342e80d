import FoundationEssentials
import Hivex

extension HiveRecord {
    /// Every place a walk of the whole hive could not descend into, except those already in `known`:
    /// what hivex's unsafe mode skipped over.
    static func unsafeProblems(of hive: Hive, besides known: [String]) -> [String] {
        do {
            let report = try hive.walk { _ in }
            return report.stops.map(\.description).filter { !known.contains($0) }
        } catch let error as HiveError {
            return ["the hive could not be walked: \(error.message)"]
        } catch {
            return ["the hive could not be walked: \(error)"]
        }
    }
}
