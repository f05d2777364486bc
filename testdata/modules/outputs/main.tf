module "platform" {
  source = "./modules/platform"

  app_group_id = module.app.group_id
}

module "app" {
  source = "./modules/app"

  vpc_id        = module.platform.vpc_id
  vpc_cidr      = module.platform.vpc_cidr
  peer_group_id = module.platform.edge_group_id # an output of an output
}

resource "aws_lb" "front" {
  name            = "orders-front"
  security_groups = [module.app.group_id]
}
