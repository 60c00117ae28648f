// Package schema embeds the numbered SQL migrations of the product's
// PostgreSQL database. The migrations name the roles auth_service and
// todo_api, which `auth migrate` creates before it applies them.
package schema

import "embed"

// Migrations holds every NNN_name.sql file, applied in version order.
//
//go:embed *.sql
var Migrations embed.FS
