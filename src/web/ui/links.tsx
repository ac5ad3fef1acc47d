import { Anchor, type AnchorProps, Button, type ButtonProps } from "@mantine/core";
import { createLink } from "@tanstack/react-router";
import type { ComponentPropsWithRef } from "react";

function AnchorBase(props: AnchorProps & ComponentPropsWithRef<"a">) {
  return <Anchor {...props} />;
}

function ButtonBase(props: ButtonProps & ComponentPropsWithRef<"a">) {
  return <Button component="a" {...props} />;
}

/** A Mantine Anchor that navigates with the router (typed `to` and `params`). */
export const AnchorLink = createLink(AnchorBase);

/** A Mantine Button that navigates with the router. */
export const ButtonLink = createLink(ButtonBase);
