// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "hivetool",
    products: [
        .library(name: "RegistryFormat", targets: ["RegistryFormat"]),
        .library(name: "Hivex", targets: ["Hivex"]),
        .library(name: "DiskImage", targets: ["DiskImage"]),
        .library(name: "HivetoolKit", targets: ["HivetoolKit"]),
        .library(name: "HivetoolImages", targets: ["HivetoolImages"]),
        .executable(name: "hivetool", targets: ["hivetool"]),
        .executable(name: "hivetool-images", targets: ["hivetool-images"]),
        .executable(name: "make-samples", targets: ["make-samples"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // `swift package generate-documentation` builds the DocC catalogs of the library products.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // The C library hivex (Debian: libhivex-dev).
        .systemLibrary(
            name: "CHivex",
            pkgConfig: "hivex",
            providers: [.apt(["libhivex-dev"])]
        ),
        // The Sleuth Kit (Debian: libtsk-dev), built with libewf, libvmdk and libvhdi.
        .systemLibrary(
            name: "CTSK",
            pkgConfig: "tsk",
            providers: [.apt(["libtsk-dev"])]
        ),
        // SHA-256 for hashing evidence, in C: the x86 SHA extensions where the CPU has them.
        .target(name: "CSHA256"),
        // Safe Swift API over The Sleuth Kit: disk images, partitions, file systems (no C type public).
        .target(name: "DiskImage", dependencies: ["CTSK"]),
        // Our own pure-Swift regf layer: base block, hive bins, cells, transaction logs. No hivex.
        .target(name: "RegistryFormat"),
        // Safe, typed Swift API over hivex (re-exports RegistryFormat's records it hands out).
        .target(name: "Hivex", dependencies: ["CHivex", "RegistryFormat"]),
        // Domain library: inspection, MAPI profiles, Enterprise Vault, safe editing, output models.
        .target(
            name: "HivetoolKit",
            dependencies: [
                "Hivex",
                "CSHA256",
            ],
            plugins: ["BuildCommitPlugin"]
        ),
        // Records the git commit of the checkout in HivetoolKit (`HivetoolVersion.commit`).
        .executableTarget(name: "BuildCommitTool"),
        .plugin(name: "BuildCommitPlugin", capability: .buildTool(), dependencies: ["BuildCommitTool"]),
        // Disk images for scan: hives found and read inside raw, E01, VMDK, VHD(X) images (over DiskImage).
        .target(
            name: "HivetoolImages",
            dependencies: [
                "HivetoolKit",
                "Hivex",
                "DiskImage",
            ]
        ),
        // The thin command-line tool.
        .executableTarget(
            name: "hivetool",
            dependencies: [
                "HivetoolKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The disk-image reader scan starts for each image, so that hivetool itself never loads The
        // Sleuth Kit and its libraries (about 14 ms at every start).
        .executableTarget(name: "hivetool-images", dependencies: ["HivetoolImages", "HivetoolKit"]),
        // Generates samples/ (rerun with scripts/make-samples).
        .executableTarget(name: "make-samples", dependencies: ["Hivex"]),
        // Fixture paths, temporary folders and process running shared by the test targets.
        .target(name: "TestSupport", dependencies: ["Hivex", "RegistryFormat"], path: "Tests/TestSupport"),
        .testTarget(name: "RegistryFormatTests", dependencies: ["RegistryFormat", "Hivex", "TestSupport"]),
        .testTarget(name: "HivexTests", dependencies: ["Hivex", "TestSupport"]),
        .testTarget(name: "HivetoolKitTests", dependencies: ["HivetoolKit", "TestSupport"]),
        .testTarget(name: "DiskImageTests", dependencies: ["DiskImage", "TestSupport"]),
        .testTarget(name: "HivetoolImagesTests", dependencies: ["HivetoolImages", "HivetoolKit", "TestSupport"]),
        // End-to-end tests of the built executable.
        .testTarget(name: "hivetoolTests", dependencies: ["hivetool", "HivetoolKit", "HivetoolImages", "TestSupport"], exclude: ["Golden"]),
    ]
)
