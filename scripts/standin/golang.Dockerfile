# Local stand-in for the official golang image, for machines without a
# container registry. scripts/standin-images builds it with the host's Go
# distribution as the build context, and the layout matches the official
# image: Go in /usr/local/go, GOPATH=/go, both bin folders on PATH.
ARG BASE
FROM ${BASE}

RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/*

COPY . /usr/local/go/

ENV GOLANG_VERSION=standin \
    GOTOOLCHAIN=local \
    GOPATH=/go \
    PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

RUN mkdir -p /go/src /go/bin && chmod -R 1777 /go && go version
WORKDIR /go
