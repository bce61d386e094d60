module github.com/profilehub/platform/services/ingest

go 1.26

require (
	github.com/profilehub/platform/pkg v0.0.0
	github.com/profilehub/platform/schemas v0.0.0
)

replace (
	github.com/profilehub/platform/pkg => ../../pkg
	github.com/profilehub/platform/schemas => ../../schemas
)
