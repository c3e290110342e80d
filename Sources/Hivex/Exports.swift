// The base block, FILETIME and UTF-16 helpers are RegistryFormat's; Hivex hands them out
// (`Hive.baseBlock`), so its users get them with `import Hivex`.
@_exported import RegistryFormat
