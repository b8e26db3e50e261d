import Foundation
import PackagePlugin

/// Regenerates the embedded copy of the built-in rule packs (`Rules/`) whenever a file there
/// changes, so that the binary always carries the packs of the tree it was built from.
@main
struct EmbedRulesPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let rules = context.package.directoryURL.appending(path: "Rules")
        let output = context.pluginWorkDirectoryURL.appending(path: "BuiltinRuleFiles.swift")
        // SwiftPM evaluates this plugin again only when the package's structure changes, so
        // the file list seen here can be stale. Folders are inputs too: adding or removing a
        // rule file changes its folder, which reruns the embedder, which lists Rules/ afresh.
        var inputs: [URL] = [rules]
        if let walker = FileManager.default.enumerator(at: rules, includingPropertiesForKeys: [.isDirectoryKey]) {
            for case let url as URL in walker {
                let isFolder = (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) ?? false
                if isFolder || ["yml", "yaml", "tsv"].contains(url.pathExtension) { inputs.append(url) }
            }
        }
        return [
            .buildCommand(
                displayName: "Embedding rule packs from Rules/",
                executable: try context.tool(named: "RulesEmbedder").url,
                arguments: [rules.path, output.path],
                inputFiles: inputs.sorted { $0.path < $1.path },
                outputFiles: [output]
            ),
        ]
    }
}
