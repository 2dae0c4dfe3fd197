import { QueryClientProvider } from '@tanstack/react-query';
import { theme as antTheme, ConfigProvider, type ThemeConfig } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import { type ReactNode, useState } from 'react';
import { RouterProvider } from 'react-router';
import { createQueryClient } from '../api/query-client';
import { AuthProvider } from '../auth/AuthProvider';
import { LocaleProvider, useLocale } from '../i18n';
import { router } from './routes';

const NAVY = '#0f3d6e';

const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1f5fa6',
    colorLink: '#1f5fa6',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', 'Liberation Sans', sans-serif",
  },
  components: {
    Layout: { headerBg: NAVY, headerHeight: 56, headerPadding: '0 16px', bodyBg: '#f3f5f8' },
    Menu: { darkItemBg: NAVY, darkItemSelectedBg: '#1f5fa6', darkItemColor: 'rgba(255,255,255,0.82)' },
    Table: { cellPaddingBlockSM: 6, cellPaddingInlineSM: 8, headerBg: '#f0f3f7' },
  },
};

/**
 * The text style antd's <App> gives its children, without <App> itself: its modal, message and
 * notification hooks are for signed-in pages (app/shell.tsx), not for the sign-in page.
 */
function TextStyle({ children }: { children: ReactNode }) {
  const { token } = antTheme.useToken();
  return (
    <div
      style={{
        color: token.colorText,
        fontSize: token.fontSize,
        lineHeight: token.lineHeight,
        fontFamily: token.fontFamily,
      }}
    >
      {children}
    </div>
  );
}

function ThemedApp() {
  const { lang } = useLocale();
  return (
    <ConfigProvider locale={lang === 'en' ? enUS : viVN} theme={theme}>
      <TextStyle>
        <RouterProvider router={router} />
      </TextStyle>
    </ConfigProvider>
  );
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <LocaleProvider>
        <AuthProvider>
          <ThemedApp />
        </AuthProvider>
      </LocaleProvider>
    </QueryClientProvider>
  );
}
