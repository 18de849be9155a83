// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "pipetop",
    products: [
        .executable(name: "pipetop", targets: ["pipetop"]),
        .executable(name: "pipetop-bench", targets: ["pipetop-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", exact: "2.0.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CNcurses",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        .systemLibrary(
            name: "CRdKafka",
            pkgConfig: "rdkafka",
            providers: [.apt(["librdkafka-dev"])]
        ),
        // libcurl's header from libcurl4-openssl-dev; the library itself is loaded at run time.
        .target(name: "CCurl", linkerSettings: [.linkedLibrary("dl")]),
        .target(name: "CSupport"),
        .target(
            name: "PipeTopCore",
            dependencies: ["CSupport", .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        .target(
            name: "PipeTopUI",
            dependencies: ["PipeTopCore", "CNcurses", .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        .target(
            name: "PipeTopKafka",
            dependencies: ["PipeTopCore", "CRdKafka", "CCurl"]
        ),
        .target(
            name: "PipeTopDemo",
            dependencies: ["PipeTopCore"]
        ),
        .executableTarget(
            name: "pipetop",
            dependencies: [
                "PipeTopCore",
                "PipeTopUI",
                "PipeTopDemo",
                "PipeTopKafka",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            plugins: ["BuildCommit"]
        ),
        // Generates `BuildCommit.id`, the git commit `pipetop --version` names.
        .plugin(name: "BuildCommit", capability: .buildTool()),
        .executableTarget(
            name: "pipetop-bench",
            dependencies: ["PipeTopCore", "PipeTopUI", "PipeTopDemo", "PipeTopKafka"]
        ),
        // Running the built `pipetop` from tests, for every test target that does.
        .target(name: "PipeTopTestSupport", path: "Tests/PipeTopTestSupport"),
        .testTarget(
            name: "PipeTopCoreTests",
            dependencies: [
                "PipeTopCore", "PipeTopTestSupport", .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "PipeTopUITests",
            dependencies: ["PipeTopUI"],
            resources: [.copy("Snapshots")]
        ),
        .testTarget(
            name: "PipeTopDemoTests",
            dependencies: ["PipeTopDemo"]
        ),
        .testTarget(
            name: "PipeTopKafkaTests",
            dependencies: ["PipeTopKafka", "PipeTopCore", "PipeTopTestSupport"]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["PipeTopTestSupport"],
            resources: [.copy("Recordings")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
