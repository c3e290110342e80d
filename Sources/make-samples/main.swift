import Hivex
let path = CommandLine.arguments[1]
try EmptyHive.write(to: path)
let hive = try Hive(path: path, options: .writable)
let root = try hive.root()
print(try hive.name(of: root), try hive.children(of: root))
let k = try hive.addKeys(at: "Software\\Microsoft\\Test")
try hive.setValue(.string("Name", "hello"), in: k)
try hive.setValue(.dword("Num", 7), in: k)
try hive.setValue(.string("Name", "hello2"), in: k)
try hive.commit(to: path + ".2")
let h2 = try Hive(path: path + ".2")
try h2.walk { e in print(e.path, (try? h2.values(of: e.key)) ?? []) }
