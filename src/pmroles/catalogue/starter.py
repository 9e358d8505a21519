"""The file `pmroles init` writes: a catalogue that validates as written and teaches by example."""

STARTER = """\
# yaml-language-server: $schema=catalogue.schema.json
# Your own pmroles catalogue, layered over the built-in one. Use it with
#   pmroles --catalogue THIS_FILE show growth-pm
# or name it in PMROLES_CATALOGUE, or save it as ~/.config/pmroles/roles.yaml.
# Check it with: pmroles validate THIS_FILE
# Every value is text; quote anything YAML could read otherwise ('no', '1.10').

roles:
  # Change a built-in role: extend its own id and write only what differs.
  # Lists you write replace the built-in ones; lists under 'append' add to them.
  tpm:
    extends: tpm
    append:
      tools:
        - our internal roadmap tracker

  # A role of your own: 'name' is the only required key.
  growth-pm:
    name: Growth Product Manager
    aliases:
      - growth pm
    summary: Owns activation, retention and expansion of an existing product.
    focus:
      - user activation and retention
      - experiments on pricing and onboarding
    interactions:  # stakeholder ids: see `pmroles stakeholders`
      - marketing
      - engineering
      - sales
    horizon:
      - short
      - medium
    method:
      - agile
"""
