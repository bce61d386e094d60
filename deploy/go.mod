module github.com/profilehub/platform/deploy

go 1.26
