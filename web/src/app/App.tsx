import { QueryClientProvider } from '@tanstack/react-query';
import { theme as antTheme, ConfigProvider, type ThemeConfig } from 'antd';
import { type ReactNode, useState } from 'react';
import { RouterProvider } from 'react-router';
import { createQueryClient } from '../api/query-client';
import { AuthProvider } from '../auth/AuthProvider';
import { antdLocale, LocaleProvider, useLocale } from '../i18n';
import { router } from './routes';

const NAVY = '#0f3d6e';
/**
 * Grey text that still reads: antd's 45 % black (#8c8c8c, 3.4:1) and 25 % placeholders (1.8:1) fail
 * WCAG 2.1 AA. 57 % black is 5.1:1 on white and 5:1 on the page's grey; app.css --lt-text-secondary
 * is the same value for the app's own hints.
 */
const SECONDARY_TEXT = 'rgba(0, 0, 0, 0.57)';

const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1f5fa6',
    colorLink: '#1f5fa6',
    // darker, not lighter, on hover: antd's derived hover blue is 3.9:1 on white (WCAG AA needs 4.5)
    colorLinkHover: '#124a87',
    colorTextTertiary: SECONDARY_TEXT,
    colorTextDescription: SECONDARY_TEXT,
    colorTextPlaceholder: SECONDARY_TEXT,
    // red 7: antd's red 5 (#ff4d4f) is 3.3:1 as the text of a danger button or a field error
    colorError: '#cf1322',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', 'Liberation Sans', sans-serif",
  },
  components: {
    Layout: { headerBg: NAVY, headerHeight: 56, headerPadding: '0 16px', bodyBg: '#f3f5f8' },
    Menu: { darkItemBg: NAVY, darkItemSelectedBg: '#1f5fa6', darkItemColor: 'rgba(255,255,255,0.82)' },
    Table: { cellPaddingBlockSM: 6, cellPaddingInlineSM: 8, headerBg: '#f0f3f7' },
    // preset tags write shade 7 on shade 1: green, orange, gold, cyan, volcano, lime and yellow fall
    // under 4.5:1 there, so their text takes the next darker shade (4.5–6:1, the same hue)
    Tag: {
      colorInfo: '#0958d9', // "processing" tags: blue 6 on blue 1 is 3.7:1
      colorSuccess: '#237804', // "success" tags (an accepted report): green 6 on green 1 is 2.2:1
      colorWarning: '#874d00', // "warning" tags (a returned report): gold 6 on gold 1 is 1.9:1
      green7: '#237804',
      orange7: '#ad4e00',
      gold7: '#874d00',
      cyan7: '#006d75',
      volcano7: '#ad2102',
      lime7: '#3f6600',
      yellow7: '#876800',
    },
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
    <ConfigProvider locale={antdLocale(lang)} theme={theme}>
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
