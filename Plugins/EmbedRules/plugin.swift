import Foundation
import PackagePlugin

/// Embeds every rule pack under `Rules/` into the `Crossfoot` library as Swift string literals,
/// so the binary carries its default rules while `Rules/` stays plain, readable YAML.
@main
struct EmbedRules: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        let rulesDirectory = context.package.directoryURL.appending(path: "Rules")
        let files = try FileManager.default.contentsOfDirectory(at: rulesDirectory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "yaml" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedRulePacks.swift")
        return [
            .buildCommand(
                displayName: "Embedding rule packs from Rules/",
                executable: try context.tool(named: "embed-rules").url,
                arguments: [output.path] + files.map(\.path),
                inputFiles: files,
                outputFiles: [output]
            )
        ]
    }
}
