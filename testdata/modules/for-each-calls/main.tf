resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

locals {
  tiers = {
    web = { port = 443, sources = ["0.0.0.0/0"] }
    app = { port = 8080, sources = ["10.0.1.0/24"] }
  }
}

# One group per tier.
module "tier" {
  source   = "./modules/tier"
  for_each = local.tiers

  name    = "${each.key}-servers"
  vpc_id  = aws_vpc.main.id
  port    = each.value.port
  sources = each.value.sources
}

# Two identical replicas: what they share is reported once.
module "replica" {
  source = "./modules/tier"
  count  = 2

  name    = "replica-${count.index}"
  vpc_id  = aws_vpc.main.id
  port    = 5432
  sources = []
}

resource "aws_instance" "web" {
  ami                    = "ami-12345678"
  instance_type          = "t3.micro"
  vpc_security_group_ids = [module.tier["web"].id, module.tier["app"].id, module.replica[0].id, module.replica[1].id]
}
