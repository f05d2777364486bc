provider "aws" {
  region = "eu-west-1"
}

module "sg" {
  source = "../../modules/sg"

  name  = "orders-staging"
  cidrs = ["192.168.10.0/24"]
}
