using Xunit;

namespace Reach.Tests.Deploy;

/// <summary>
/// deploy/kubernetes validated offline with the Kubernetes API's own definitions: kubernetes-models'
/// validators, compiled from the Kubernetes OpenAPI schemas, and its TypeScript types through tsc for
/// unknown fields (deploy/kubernetes/validate; scripts/install-deps.sh installs it with npm ci).
/// </summary>
public sealed class KubernetesFilesTests
{
    private static string Dir => Path.Combine(RepoFiles.Root, "deploy", "kubernetes");

    private static string Validator => Path.Combine(Dir, "validate", "validate.mjs");

    private static string[] Manifests =>
        [.. File.ReadAllLines(Path.Combine(Dir, "kustomization.yaml")).Where(l => l.TrimStart().StartsWith("- ", StringComparison.Ordinal)).Select(l => l.Trim()[2..]), "kustomization.yaml"];

    [Fact]
    public void Every_manifest_validates_against_the_Kubernetes_schemas_and_types()
    {
        var (exit, output) = Tool.Run("node", Dir, [Validator, .. Manifests]);

        Assert.True(exit == 0, output);
        Assert.Contains("valid: 6 Kubernetes object(s)", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hostNetwork: true", "hostNetwrk: true", "hostNetwrk")]
    [InlineData("containerPort: 9917", "containerPort: \"9917x\"", "must be integer")]
    [InlineData("  selector:\n    matchLabels:\n      app.kubernetes.io/name: reach\n  updateStrategy:", "  updateStrategy:", "selector")]
    public void The_validator_refuses_a_broken_DaemonSet(string from, string to, string complaint)
    {
        var broken = Path.Combine(Path.GetTempPath(), $"reach-ds-{Guid.NewGuid():N}.yaml");
        var text = File.ReadAllText(Path.Combine(Dir, "daemonset.yaml"));
        Assert.Contains(from, text, StringComparison.Ordinal);
        File.WriteAllText(broken, text.Replace(from, to, StringComparison.Ordinal));
        try
        {
            var (exit, output) = Tool.Run("node", Dir, Validator, broken);

            Assert.Equal(1, exit);
            Assert.Contains(complaint, output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(broken);
        }
    }

    [Fact]
    public void The_DaemonSet_runs_on_the_hosts_network_with_the_two_capabilities_only()
    {
        var text = File.ReadAllText(Path.Combine(Dir, "daemonset.yaml"));

        Assert.Contains("hostNetwork: true", text, StringComparison.Ordinal);
        Assert.Contains("drop:\n                - ALL\n              add:\n                - NET_RAW\n                - NET_ADMIN\n", text, StringComparison.Ordinal);
        Assert.Contains("allowPrivilegeEscalation: false", text, StringComparison.Ordinal);
        Assert.Contains("readOnlyRootFilesystem: true", text, StringComparison.Ordinal);
        Assert.Contains("--token-file=", text, StringComparison.Ordinal);
    }
}
