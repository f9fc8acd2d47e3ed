import Taro from '@tarojs/taro'
import { pages } from '@contract/pages'

/** Small UI helpers over Taro shared by pages. */
export function toast(title: string, icon: 'none' | 'success' = 'none'): void {
  void Taro.showToast({ title, icon, duration: 2000 })
}

export function comingSoon(name?: string): void {
  toast(name ? `${name}即将开放` : '即将开放')
}


const TABS: string[] = [pages.home.path, pages.welfare.path, pages.mine.path]

export function go(url: string): void {
  const path = url.split('?')[0]
  if (TABS.includes(path)) void Taro.switchTab({ url: path })
  else void Taro.navigateTo({ url })
}

/** Replace the current page (e.g. after submitting: the form → its status). */
export function replaceWith(url: string): void {
  void Taro.redirectTo({ url })
}

export function back(): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
  else void Taro.switchTab({ url: pages.home.path })
}

/** After login: back to where the user came from, else 首页. */
export function leaveLogin(): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
  else void Taro.switchTab({ url: pages.home.path })
}

export function toLogin(): void {
  void Taro.navigateTo({ url: pages.login.path })
}

/** After logout: a fresh stack with only the login page. */
export function restartAtLogin(): void {
  void Taro.reLaunch({ url: pages.login.path })
}
