# Container image for the Functions app (issue #9 completes the build and final stages).
# NATIVE_PACKAGES is the one list of Debian packages the app's native libraries need at run time
# (OpenCvSharpExtern: GTK 3 and friends, libdrm, libatomic); scripts/setup.sh reads it from this line.
ARG NATIVE_PACKAGES="libgtk-3-0 libdrm2 libatomic1"
