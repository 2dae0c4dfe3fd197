import { Button, type ButtonProps } from 'antd';
import type { MouseEvent } from 'react';
import { useHref, useLinkClickHandler } from 'react-router';

/** An antd Button that is a real link (open in new tab works) and navigates inside the app. */
export function LinkButton({ to, ...props }: Omit<ButtonProps, 'href'> & { to: string }) {
  const href = useHref(to);
  const handleClick = useLinkClickHandler<HTMLElement>(to);
  return (
    <Button
      {...props}
      href={href}
      onClick={(e: MouseEvent<HTMLElement>) => {
        props.onClick?.(e);
        if (!e.defaultPrevented) handleClick(e as MouseEvent<HTMLAnchorElement>);
      }}
    />
  );
}
