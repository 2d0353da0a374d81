#!/bin/sh
echo "coverage tools are not available offline; glomers does not support bazel coverage" >&2
exit 1
