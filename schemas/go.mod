module github.com/profilehub/platform/schemas

go 1.26
