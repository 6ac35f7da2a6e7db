# Container image for the Functions app: the host on the official Azure Functions .NET isolated image for .NET 10
# (4-dotnet-isolated10.0), plus the native packages the app needs and the models it uses.
#
# Which OS release the base image has (not confirmed from here: no registry access; `docker run --rm <image> cat
# /etc/os-release` tells). The recipe does not depend on the answer: the runtime stage reads /etc/os-release and installs
# deploy/native-packages/<ID>-<VERSION_CODENAME>, and stops naming the missing list on any other release.
#   - 4-dotnet-isolated10.0: most likely Ubuntu 24.04 (noble, FFmpeg 6.1; list ubuntu-noble, not proven here). Microsoft
#     ships no Debian images for .NET 10, only Ubuntu 24.04 Noble, Alpine 3.22 and Azure Linux 3.0 (dotnet/dotnet-docker#6860,
#     "Container image platforms available at launch"; #6526 "Consider dropping Debian images for .NET 10+"), and the
#     Functions image maintainers wrote that newer runtimes moved to Ubuntu-based images, Noble (Azure/azure-functions-docker#901).
#   - 4-dotnet-isolated8.0 / 9.0: Debian 12 (bookworm, FFmpeg 5.1; list debian-bookworm): built FROM runtime-deps
#     ...-bookworm-slim in Azure/azure-functions-docker host/4/bookworm/dotnet-isolated/ (dotnet8-isolated, dotnet9-isolated).
#   - Debian 13 (trixie, FFmpeg 7.1; list debian-trixie): the nearest newer release this machine can build.
# scripts/verify-image.sh proves the recipe in bare Debian 12 and Debian 13 roots (analysing real clips from the publish
# outputs alone); scripts/setup.sh installs the same list on a development machine.
# Build: docker build -t adsrec . (azd does this; see infra/README.md).

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
# The models the image ships (models/models.json, sha256-checked): those in the build context (run `bash models/install.sh`
# before building) or their upstream URLs; only these two, so the build needs no npm (the SDK image has none).
ARG MODELS="face_detection_yunet.onnx face_recognition_mobilefacenet_128.onnx"
RUN bash models/install.sh --only "${MODELS}" /nonexistent \
 && bash models/install.sh --check models ${MODELS}
# publish compiles ReadyToRun code for linux-x64 (src/PublishedApp.props): less JIT at start and per run
RUN dotnet publish src/AdsRecommender.Functions -c Release -o /app/publish -p:UseAppHost=false \
 && bash models/install.sh --check /app/publish/models ${MODELS}
# the CLI beside it: the worker Container App (infra/modules/worker.bicep) runs `dotnet cli/adsrec.dll worker` from the same image
RUN dotnet publish src/AdsRecommender.Cli -c Release -o /app/publish/cli -p:UseAppHost=false

FROM mcr.microsoft.com/azure-functions/dotnet-isolated:4-dotnet-isolated10.0
# deploy/native-packages.sh prints this release's list (OpenCvSharpExtern's GTK 3, libdrm, libatomic; the ffmpeg program)
COPY deploy/native-packages.sh /tmp/deploy/native-packages.sh
COPY deploy/native-packages /tmp/deploy/native-packages
RUN packages="$(sh /tmp/deploy/native-packages.sh)" \
 && apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${packages} \
 && rm -rf /var/lib/apt/lists/* /tmp/deploy
WORKDIR /home/site/wwwroot
COPY --from=build /app/publish .
ENV AzureWebJobsScriptRoot=/home/site/wwwroot \
    AzureFunctionsJobHost__Logging__Console__IsEnabled=true \
    AdsRecommender__ModelsDirectory=/home/site/wwwroot/models
