"""The example CDK app (``cdk.json`` points here): ``./run.sh synth`` or ``./run.sh example``."""

from __future__ import annotations

import os
import sys

import aws_cdk as cdk

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from examples.example_stack import ExampleStack


def build_app() -> cdk.App:
    app = cdk.App()
    # Bootstrapless: the stack deploys as a plain CloudFormation template (no CDK bootstrap stack, no
    # assets), which is what the local emulator deploy needs and what `cdk synth` shows.
    ExampleStack(
        app,
        "CdkIdentityPoolExample",
        synthesizer=cdk.BootstraplessSynthesizer(),
        env=cdk.Environment(region=os.environ.get("CDK_DEFAULT_REGION", "us-east-1")),
    )
    return app


if __name__ == "__main__":
    build_app().synth()
