# Container image for the Functions app: the host on the official Azure Functions .NET isolated image for .NET 10
# (4-dotnet-isolated10.0), plus the native packages OpenCvSharpExtern needs and the verified models. Its Debian release
# is taken to be 12 (bookworm), as for the .NET 8 and 9 Functions images; that could not be confirmed from here (no
# registry access): `docker run --rm <image> cat /etc/os-release` tells, and scripts/verify-image.sh takes the release
# as ADSREC_IMAGE_RELEASE.
# Build: docker build -t adsrec . (azd does this; see infra/README.md). Proven without Docker by scripts/verify-image.sh.
# NATIVE_PACKAGES is the one list of Debian packages the app's native libraries need at run time
# (OpenCvSharpExtern: GTK 3 and friends, libdrm, libatomic; the video decoder: FFmpeg 5.1 libraries, see
# src/AdsRecommender.Core/Media/LibAv); scripts/setup.sh and verify-image.sh read it from this line,
# and the app's start-up self-test names it in its fix.
ARG NATIVE_PACKAGES="libgtk-3-0 libdrm2 libatomic1 libavformat59 libavcodec59 libavutil57 libswscale6"

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
# Models: those in the build context (run `bash models/install.sh` before building) or their upstream sources;
# every file is checked against its sha256 in models/models.json, and the build stops if a required one is missing.
RUN bash models/install.sh /nonexistent \
 && bash models/install.sh --check models face_detection_yunet.onnx face_recognition_mobilefacenet_128.onnx
# publish compiles ReadyToRun code for linux-x64 (src/PublishedApp.props): less JIT at start and per run
RUN dotnet publish src/AdsRecommender.Functions -c Release -o /app/publish -p:UseAppHost=false \
 && bash models/install.sh --check /app/publish/models face_detection_yunet.onnx face_recognition_mobilefacenet_128.onnx

FROM mcr.microsoft.com/azure-functions/dotnet-isolated:4-dotnet-isolated10.0
ARG NATIVE_PACKAGES
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${NATIVE_PACKAGES} \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /home/site/wwwroot
COPY --from=build /app/publish .
ENV AzureWebJobsScriptRoot=/home/site/wwwroot \
    AzureFunctionsJobHost__Logging__Console__IsEnabled=true \
    AdsRecommender__ModelsDirectory=/home/site/wwwroot/models
