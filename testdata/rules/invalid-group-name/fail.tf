resource "aws_security_group" "db" {
  name        = "sg-orders-db"
  description = "Orders database"
}

resource "aws_security_group" "cache" {
  name_prefix = "orders cache (Zürich)"
  description = "Orders cache"
}

resource "aws_security_group" "queue" {
  name_prefix = "sg-${var.environment}-queue"
  description = "Orders queue consumers"
}

resource "aws_security_group" "search" {
  name_prefix = "orders-search-cluster-nodes-for-the-catalogue-and-the-recommendations-teams-in-every-region-that-we-run-in"
  description = "Search cluster"
}
