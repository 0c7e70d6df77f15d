#!/usr/bin/env bash
# Restores NuGet packages, builds everything with warnings as errors, and publishes the CLI with
# NativeAOT to out/reach, and reach serve's binary to out/reach-serve (`reach serve` runs it).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build reach.slnx -c Release -nologo -clp:ErrorsOnly
dotnet publish src/Reach.Cli/Reach.Cli.csproj -c Release -o out -nologo -clp:ErrorsOnly -p:DebugType=none
dotnet publish src/Reach.Serve.Cli/Reach.Serve.Cli.csproj -c Release -o out -nologo -clp:ErrorsOnly -p:DebugType=none
echo "build: $(ls -l out/reach | awk '{print $5}') bytes at out/reach, $(ls -l out/reach-serve | awk '{print $5}') at out/reach-serve"
